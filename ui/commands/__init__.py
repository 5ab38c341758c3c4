"""Click commands, one module per area; `ui.cli` assembles them."""
