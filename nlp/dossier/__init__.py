"""Case dossiers (案卷): splitting, typing and reading the documents of an administrative-penalty case."""
