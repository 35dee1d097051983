"""Each workbook's analysis: typed, immutable results computed from the validated parameters
and the client's data files; codes and numbers only, no HTML and no catalogue words.

One module per workbook; the views that render the results are in :mod:`kit.views`, and
results display themselves through :mod:`kit.renderers`.
"""
