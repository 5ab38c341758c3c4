"""Pages of the Streamlit app, one module per page; each exposes `show()` (run by `st.navigation`)."""
