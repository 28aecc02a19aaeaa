"""Qt Linguist sources (*.ts) of the interface; compiled *.qm files are built at install time (package data)."""
