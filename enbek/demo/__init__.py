"""Demo data for a local install, the tests and the benchmarks (`manage.py seed_demo`).

Everything is derived from a seed: the same --seed gives the same rows, and the rows are keyed
on deterministic slugs, e-mails and BINs so that a second run adds nothing.
"""
