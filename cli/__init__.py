"""The `vnarchive` command line: each command parses options, calls one library function, renders."""
