// Handlers that take uploads name `UploadedFile` (and may read `FormData`), so importing the endpoints brings the
// forms layer with it.
@_exported import ApusForms
