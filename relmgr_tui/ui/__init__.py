"""The Textual front end. It calls the service only; it never opens a database session."""
