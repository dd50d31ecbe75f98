#ifndef COLLIDER_CZEROMQ_SHIM_H
#define COLLIDER_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
