"""The demo loader, one module per domain: each reads its rows from app.demo.rows."""
