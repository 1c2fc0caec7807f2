using System.Collections.Concurrent;
using Kiln.Catalog;
using Kiln.Server.UForgeMapping;

namespace Kiln.Server.UForgeApi;

/// <summary>
/// The image documents clients poll, as last written, so that polling costs a small catalog read, not a document.
/// <para>
/// Lists (of images, of statuses) are kept with the images version the catalog had before they were read, and sent
/// again only while the catalog still has that version. Every change to an appliance or an image, by this process or
/// another on the same catalog, changes the version in the change's own commit
/// (<see cref="ICatalogStore.GetImagesVersionAsync"/>), so a kept list is never older than the catalog; a list read
/// while a change committed is kept under the version before it, which no later request sees.
/// </para>
/// <para>
/// A status is kept by what it is made of, the <see cref="ImageProgress"/> just read: a status that moved is another
/// key, so a kept one is never stale.
/// </para>
/// Both forget everything when full, which keeps memory bounded and is enough for what a few polling clients fill.
/// </summary>
internal sealed class ImageDocumentCache
{
    private const long MaxListBytes = 32L * 1024 * 1024;
    private const int MaxStatuses = 10_000;

    private readonly ConcurrentDictionary<string, KeptList> _lists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(ImageProgress Image, bool Json), RenderedDocument> _statuses = new();
    private readonly Lock _writingLists = new();
    private long _listBytes;

    /// <summary>
    /// The list the request asks for (its path, query and representation), as kept when still current, otherwise as
    /// <paramref name="read"/> makes it now; null when <paramref name="read"/> finds nothing to list (nothing is kept then).
    /// </summary>
    public async Task<UForgeDocumentResult?> GetListAsync(HttpContext context, ICatalogStore catalog, Func<Task<object?>> read)
    {
        var version = await catalog.GetImagesVersionAsync(context.RequestAborted).ConfigureAwait(false);
        var json = MediaTypes.WantsJson(context.Request);
        var key = string.Concat(json ? "json " : "xml ", context.Request.Path.Value, context.Request.QueryString.Value);
        if (_lists.TryGetValue(key, out var kept) && kept.Version == version)
            return new UForgeDocumentResult(kept.Document);
        if (await read().ConfigureAwait(false) is not { } document)
            return null;
        var rendered = await RenderedDocument.RenderAsync(document, json, context.RequestAborted).ConfigureAwait(false);
        KeepList(key, new KeptList(version, rendered));
        return new UForgeDocumentResult(rendered);
    }

    /// <summary>The status document of <paramref name="image"/> in the request's representation.</summary>
    public async Task<UForgeDocumentResult> GetStatusAsync(HttpContext context, ImageProgress image)
    {
        var key = (image, MediaTypes.WantsJson(context.Request));
        if (!_statuses.TryGetValue(key, out var rendered))
        {
            rendered = await RenderedDocument.RenderAsync(ImageMapping.ToStatus(image), key.Item2, context.RequestAborted).ConfigureAwait(false);
            if (_statuses.Count >= MaxStatuses)
                _statuses.Clear();
            _statuses[key] = rendered;
        }
        return new UForgeDocumentResult(rendered);
    }

    private void KeepList(string key, KeptList list)
    {
        var size = list.Document.Body.Length + key.Length * sizeof(char);
        if (size > MaxListBytes)
            return;
        lock (_writingLists)
        {
            if (_lists.TryGetValue(key, out var previous))
            {
                // Lists read at the same time may finish in any order: the newest version stays.
                if (previous.Version > list.Version)
                    return;
                _listBytes -= previous.Document.Body.Length + key.Length * sizeof(char);
            }
            if (_listBytes + size > MaxListBytes)
            {
                _lists.Clear();
                _listBytes = 0;
            }
            _lists[key] = list;
            _listBytes += size;
        }
    }

    private sealed record KeptList(long Version, RenderedDocument Document);
}
