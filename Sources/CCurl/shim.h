#ifndef COLLIDER_CCURL_SHIM_H
#define COLLIDER_CCURL_SHIM_H
#include <curl/curl.h>
#endif
