#ifndef COLLIDER_CCURL_SHIM_H
#define COLLIDER_CCURL_SHIM_H
#include <curl/curl.h>

// Swift cannot call C variadic functions, so each setter and getter libcurl declares with `...`
// gets one typed wrapper per argument type collider passes. Swift code uses these only through
// `CurlEasyOption` and `CurlEasy`/`CurlMulti` in ColliderLLM.

/// The signature of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION callbacks.
typedef size_t (*ccurl_data_callback)(char *data, size_t size, size_t count, void *context);

// curl_easy_setopt is variadic; this passes a `long` (flags, timeouts, enums).
static inline CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic; this passes a C string, which libcurl copies (URL, encodings).
static inline CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic; this passes an opaque pointer (header list, callback context).
static inline CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic; this passes a `curl_off_t` (the *_LARGE size options).
static inline CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic; this passes a function pointer of the data-callback shape.
static inline CURLcode ccurl_easy_setopt_callback(CURL *handle, CURLoption option, ccurl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_getinfo is variadic; this reads a `long` (response code).
static inline CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *out) {
    return curl_easy_getinfo(handle, info, out);
}

// curl_easy_getinfo is variadic; this reads a `curl_off_t` (the *_T timing values).
static inline CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *out) {
    return curl_easy_getinfo(handle, info, out);
}

// curl_multi_setopt is variadic; this passes a `long` (connection limits, multiplexing).
static inline CURLMcode ccurl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

// CURL_GLOBAL_DEFAULT is a compound macro that Swift does not import.
static inline CURLcode ccurl_global_init_default(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

// CURLPIPE_MULTIPLEX is a `long`-suffixed macro; exposed as a typed constant.
static inline long ccurl_pipe_multiplex(void) {
    return CURLPIPE_MULTIPLEX;
}

#endif
