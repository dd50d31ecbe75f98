#ifndef COLLIDER_CZEROMQ_SHIM_H
#define COLLIDER_CZEROMQ_SHIM_H
#include <zmq.h>
/* eventfd wakes the transport I/O thread out of zmq_poll; Glibc's Swift module does not export it. */
#include <sys/eventfd.h>
/* epoll waits on the simulated fleet's thousand sockets or their ZMQ_FD descriptors (bench); not exported either. */
#include <sys/epoll.h>
#endif
