// libzip, from Debian's libzip-dev (pkg-config libzip): how Dossier opens Word (.docx) and OpenDocument (.odt)
// files, which are zip archives of XML.
#include <zip.h>
