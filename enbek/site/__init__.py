"""Composition: the pages that put several sections together (home, about; later the profession
explorer). The core (enbek.models, selectors, services, …) never imports a section; this package and
enbek.urls do, and nothing in the core or the sections imports this package.
"""
