"""The demo's rows, one module per domain: plain data that app.demo.loader puts in the database."""
