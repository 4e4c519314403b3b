"""The home page (what is waiting for the user) and the anonymous statistics per programme."""
