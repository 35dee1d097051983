"""Views: each workbook's results rendered to :class:`markupsafe.Markup` in the client's
language (catalogue words, formatted numbers, charts). One module per workbook; importing a
module registers its renderers with :mod:`kit.renderers`, so its results display themselves.
"""
