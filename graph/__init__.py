"""Graph: ontology, rule-based extraction, RDF store, named queries and Gephi export."""
