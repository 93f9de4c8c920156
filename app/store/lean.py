"""sqlite-utils without pandas (#23): sqlite-utils imports pandas, where installed, for one
column type the library never stores, about 1 s of every command. `app.store` imports this
module first, so sqlite-utils is imported here with its own `import pandas` refused
(`ingestion.lean_import`); every other module still finds pandas."""

from ingestion.lean_import import import_refusing

sqlite_utils = import_refusing("sqlite_utils", {"pandas"})
