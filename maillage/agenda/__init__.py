"""A worker's day: what is due for them, on the home page, in the API and by email."""
