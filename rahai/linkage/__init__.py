"""Record linkage: one person, one record across police, FIA, NGOs and the hotline.

The engine (``engine``, ``model``, ``features``, ``normalise``) imports no Django settings, so
``rahai link INPUT.csv`` runs without a database or keys. The database side (``models``,
``services``, ``selectors``) is ordinary Django.
"""

MODEL_VERSION = "rahai-person-v2"
