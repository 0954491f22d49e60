"""The demo: its rows as plain data (app.demo.rows), one loader, and the try-it-as sign-in."""
