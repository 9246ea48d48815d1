"""Checks over parsed documents: filing review (F…), cleanup (C…), conflicts, with their rule catalogue."""
