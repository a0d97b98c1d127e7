// libxml2's HTML parser and tree, from Debian's libxml2-dev (pkg-config libxml-2.0): how Dossier reads web pages.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
