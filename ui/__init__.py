"""UI: the `policykg` command line and the Streamlit app, thin shells over the library."""
