// What `import ApusCore` (and so `import Apus`) brings besides the core itself: the server's request, response
// and configuration types, the HTTP types they are made of, `ByteBuffer` and `Logger`, so that an application
// needs no other import for ordinary work.
@_exported public import ApusHTTP
@_exported public import HTTPTypes
@_exported public import struct Logging.Logger
@_exported public import struct NIOCore.ByteBuffer
@_exported public import struct NIOCore.ByteBufferAllocator
