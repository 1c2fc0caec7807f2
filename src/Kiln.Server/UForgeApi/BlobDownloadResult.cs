using System.Globalization;
using Kiln.Blobs;
using Microsoft.Net.Http.Headers;

namespace Kiln.Server.UForgeApi;

/// <summary>
/// Sends a stored image: ETag (its sha256), Last-Modified, Content-Disposition, If-None-Match (304), one byte range
/// (206, If-Range honoured, 416 when outside the file; several ranges get the whole file, as HTTP allows), HEAD
/// without a body. The bytes go from the blob stream into the response's pipe a mebibyte at a time: images are
/// gigabytes, and copying them in small steps costs a third of the throughput.
/// </summary>
internal sealed class BlobDownloadResult(BlobStream stream, string fileName) : IResult
{
    private const int ChunkBytes = 1024 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var _ = stream.ConfigureAwait(false);
        var request = httpContext.Request;
        var response = httpContext.Response;
        var info = stream.Info;
        var length = info.Size;
        response.Headers.ETag = info.ETag;
        response.Headers.LastModified = info.LastModified.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        if (request.Headers.IfNoneMatch.Any(v => (v ?? "").Split(',').Any(t => t.Trim() == info.ETag || t.Trim() == "*")))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var (start, end) = (0L, length - 1);
        if (RangeOf(request, info.ETag, length) is { } range)
        {
            if (range.Start >= length || length == 0)
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{length}";
                return;
            }
            (start, end) = (range.Start, Math.Min(range.End, length - 1));
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {start}-{end}/{length}";
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
        }
        response.ContentType = "application/octet-stream";
        response.ContentLength = end - start + 1;
        if (HttpMethods.IsHead(request.Method) || length == 0)
            return;
        if (start > 0)
            stream.Seek(start, SeekOrigin.Begin);
        await CopyAsync(response, end - start + 1, httpContext.RequestAborted).ConfigureAwait(false);
    }

    private async Task CopyAsync(HttpResponse response, long remaining, CancellationToken cancellationToken)
    {
        var writer = response.BodyWriter;
        while (remaining > 0)
        {
            var memory = writer.GetMemory(ChunkBytes);
            var wanted = (int)Math.Min(Math.Min(memory.Length, ChunkBytes), remaining);
            var read = await stream.ReadAsync(memory[..wanted], cancellationToken).ConfigureAwait(false);
            if (read == 0)
                throw new IOException($"the stored file ended {remaining} bytes early");
            writer.Advance(read);
            remaining -= read;
            var flushed = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flushed.IsCanceled || flushed.IsCompleted)
                return; // the client went away
        }
    }

    /// <summary>The one range asked for, when it applies (If-Range names the current ETag or is absent); null otherwise.</summary>
    private static (long Start, long End)? RangeOf(HttpRequest request, string etag, long length)
    {
        var header = request.Headers.Range.ToString();
        if (string.IsNullOrEmpty(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
            return null;
        var ifRange = request.Headers.IfRange.ToString();
        if (ifRange.Length > 0 && ifRange != etag)
            return null;
        var spec = header["bytes=".Length..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
            return null;
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
            return null;
        var (first, last) = (spec[..dash].Trim(), spec[(dash + 1)..].Trim());
        if (first.Length == 0)
            return long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix) && suffix > 0
                ? (Math.Max(0, length - suffix), length - 1)
                : null;
        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            return null;
        if (last.Length == 0)
            return (start, length - 1);
        return long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var end) && end >= start ? (start, end) : null;
    }
}
