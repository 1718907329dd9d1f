"""The indexer: reads the corpus of HTML pages and writes the Whoosh index.

Data flows one way: corpus -> parse -> describe -> analyze -> index. The web
app imports this package; this package never imports Flask.
"""
