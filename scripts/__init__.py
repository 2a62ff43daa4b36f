"""Build-time scripts, and the reader of the Markdown sources they share with the tests."""
