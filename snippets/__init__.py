"""Runnable programs and verified helpers that the handbook's pages include.

Each module is one self-contained program: it imports only the standard
library, NumPy, TensorFlow, Keras and matplotlib, has a `main()`, and runs on
its own (`python -m snippets.NAME`, or pasted into a fresh interpreter). The
test suite runs every module and checks its helpers against real Keras layers.
"""
