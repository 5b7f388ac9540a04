"""The web app and HTTP API (``presslens serve``): analyse a page, search the corpus, profile and
compare outlets over time, correct the model's technique spans. Server-rendered HTML without
script; see ``app.py`` for the security choices and ``docs/architecture.md`` for the modules."""
