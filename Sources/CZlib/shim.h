#ifndef LENET_CZLIB_SHIM_H
#define LENET_CZLIB_SHIM_H
#include <zlib.h>
#endif
