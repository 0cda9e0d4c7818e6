"""The web interface: a read-only HTTP API over a corpus store (`detente serve`) and its static pages."""
