"""One module per page: `layout(...)` for its frame and `content(...)` for what its callback fills in.
Pages build components from measure results handed to them; they never read the database."""
