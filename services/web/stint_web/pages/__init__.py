"""The web app's pages, one module per group of people's tasks."""
