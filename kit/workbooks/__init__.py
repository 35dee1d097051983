"""One module per workbook: turns a template's parameters into the sections of its report."""
