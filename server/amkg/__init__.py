"""AMKG, the Advanced Manufacturing Knowledge Graph: ontology, data, SPARQL endpoint, linked-data pages."""

__version__ = "0.1.0"
