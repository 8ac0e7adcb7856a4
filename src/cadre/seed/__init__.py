"""Demo and benchmark data: the demo county (about 160 units, 5,000 cadres) or a province.

Not a Django app: plain modules run by the `cadre seed` and `cadre demo` commands.
names — Chinese names by frequency; units — the unit tree; people — the cadre generator;
writer — COPY / bulk_create; accounts — demo logins; wipe — emptying before a reseed;
build — putting it together.
"""
