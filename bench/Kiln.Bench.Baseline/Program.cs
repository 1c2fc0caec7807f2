// The baselines of bench/http.sh: Kestrel with its defaults (as kiln-server has them), no logging, no work.
//   GET /             -> "ok" (the constant the targets compare with)
//   GET /doc          -> the bytes of the file named by KILN_BENCH_DOC, read once at start (the list document Kiln
//                        sent, served as a constant: what the same body costs on the wire without building it)
//   GET /file/stream  -> the file named by KILN_BENCH_FILE the way Kiln's download route sends a blob today:
//                        Results.Stream over a FileStream with BufferSize 0 (ASP.NET copies it in 64 KiB chunks)
//   GET /file/pipe    -> the same file read 1 MiB at a time straight into Response.BodyWriter (one copy less)
using Microsoft.Net.Http.Headers;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", () => "ok");
if (Environment.GetEnvironmentVariable("KILN_BENCH_DOC") is { Length: > 0 } documentPath)
{
    var document = await File.ReadAllBytesAsync(documentPath).ConfigureAwait(false);
    app.MapGet("/doc", () => Results.Bytes(document, "application/xml"));
}
if (Environment.GetEnvironmentVariable("KILN_BENCH_FILE") is { Length: > 0 } filePath)
{
    app.MapGet("/file/stream", () => Results.Stream(OpenRead(filePath), "application/octet-stream", "bench.qcow2",
        new DateTimeOffset(File.GetLastWriteTimeUtc(filePath)), new EntityTagHeaderValue("\"bench\""), enableRangeProcessing: true));
    app.MapGet("/file/pipe", async (HttpContext context) =>
    {
        var file = OpenRead(filePath);
        await using (file.ConfigureAwait(false))
        {
            var response = context.Response;
            response.ContentType = "application/octet-stream";
            response.ContentLength = file.Length;
            response.Headers.ContentDisposition = "attachment; filename=bench.qcow2";
            var writer = response.BodyWriter;
            while (true)
            {
                var read = await file.ReadAsync(writer.GetMemory(1024 * 1024), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                    break;
                writer.Advance(read);
                var flushed = await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                if (flushed.IsCanceled || flushed.IsCompleted)
                    break;
            }
        }
    });
}
await app.RunAsync().ConfigureAwait(false);

static FileStream OpenRead(string path) => new(path, new FileStreamOptions
{
    Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0,
});
