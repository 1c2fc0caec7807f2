using Kiln.Blobs;
using Kiln.Catalog;
using Kiln.Server.Security;

namespace Kiln.Server.UForgeApi;

/// <summary>
/// Downloads of a complete, compressed image: with the single-use <c>downloadId</c> of its downloadUri (no credentials,
/// as UForge clients fetch it), or as its owner with credentials. Streamed from the blob store with Range (206),
/// HEAD (which does not use the id up), ETag (the sha256), Content-Length and Content-Disposition.
/// </summary>
internal static class DownloadEndpoints
{
    public static void MapDownloadEndpoints(this RouteGroupBuilder api)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        api.MapMethods("/users/{uid}/appliances/{aid:long}/images/{itid:long}/downloads", methods,
                (HttpContext context, string uid, long aid, long itid, string? downloadId, ICatalogStore catalog, IBlobStore blobs, Authenticator authenticator) =>
                    DownloadAsync(context, uid, aid, itid, null, downloadId, catalog, blobs, authenticator))
            .WithName("machineImage_download").WithSummary("Download the image's file");
        api.MapMethods("/users/{uid}/appliances/{aid:long}/images/{itid:long}/downloads/{fileName}", methods,
                (HttpContext context, string uid, long aid, long itid, string fileName, string? downloadId, ICatalogStore catalog, IBlobStore blobs,
                    Authenticator authenticator) => DownloadAsync(context, uid, aid, itid, fileName, downloadId, catalog, blobs, authenticator))
            .WithName("machineImage_downloadFile").WithSummary("Download the image's file by name");
        // Any image of the user, imported ones (which have no appliance) included.
        api.MapMethods("/users/{uid}/images/{itid:long}/downloads", methods,
                (HttpContext context, string uid, long itid, string? downloadId, ICatalogStore catalog, IBlobStore blobs, Authenticator authenticator) =>
                    DownloadAsync(context, uid, null, itid, null, downloadId, catalog, blobs, authenticator))
            .WithName("userImage_download").WithSummary("Download the image's file");
        api.MapMethods("/users/{uid}/images/{itid:long}/downloads/{fileName}", methods,
                (HttpContext context, string uid, long itid, string fileName, string? downloadId, ICatalogStore catalog, IBlobStore blobs,
                    Authenticator authenticator) => DownloadAsync(context, uid, null, itid, fileName, downloadId, catalog, blobs, authenticator))
            .WithName("userImage_downloadFile").WithSummary("Download the image's file by name");
    }

    /// <param name="aid">The appliance named in the URL, or null on the user-level route (any image of the user).</param>
    private static async Task<IResult> DownloadAsync(HttpContext context, string uid, long? aid, long itid, string? fileName, string? downloadId,
        ICatalogStore catalog, IBlobStore blobs, Authenticator authenticator)
    {
        var cancel = context.RequestAborted;
        if (downloadId is null && await CallerMayNotAsync(context, uid, authenticator).ConfigureAwait(false) is { } refused)
            return refused;
        var image = await catalog.GetImageByIdAsync(itid, cancel).ConfigureAwait(false);
        if (image is null || image.Owner != uid || (aid is not null && image.ApplianceId != aid))
            return UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"No image {itid} here.");
        if (image.Status.State != ImageState.Complete || image.Artefact is not { } artefact)
            return UForgeErrors.Result(context, StatusCodes.Status409Conflict, $"Image {itid} is not complete: there is nothing to download yet.");
        if (!image.Compress)
            return UForgeErrors.Result(context, StatusCodes.Status409Conflict,
                $"Image {itid} was generated for publishing only (compress=false) and cannot be downloaded; generate it with compress=true to download it.");
        if (fileName is not null && !string.Equals(fileName, artefact.FileName, StringComparison.Ordinal))
            return UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"Image {itid} has no file '{fileName}'; its file is '{artefact.FileName}'.");
        if (downloadId is not null)
        {
            // Checked before it is used up, so that an id sent to another image's URL is not lost; HEAD never uses it up.
            var valid = await catalog.CheckDownloadTicketAsync(downloadId, cancel).ConfigureAwait(false) == image.Id
                && (HttpMethods.IsHead(context.Request.Method)
                    || await catalog.RedeemDownloadTicketAsync(downloadId, cancel).ConfigureAwait(false) == image.Id);
            if (!valid)
                return UForgeErrors.Result(context, StatusCodes.Status403Forbidden,
                    "This download id is unknown, already used or expired: get the image again (GET .../images/{itid}) for a fresh downloadUri.");
        }
        var stream = await blobs.OpenReadAsync(artefact.BlobKey, 0, null, cancel).ConfigureAwait(false);
        if (stream is null)
            return UForgeErrors.Result(context, StatusCodes.Status410Gone, $"The file of image {itid} is no longer stored.");
        context.Response.Headers.CacheControl = "private, no-store";
        return new BlobDownloadResult(stream, artefact.FileName);
    }

    /// <summary>Without a download id the caller must be the owner (or administrate users), as on every other route.</summary>
    private static async Task<IResult?> CallerMayNotAsync(HttpContext context, string uid, Authenticator authenticator)
    {
        var caller = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Kiln\"";
            return UForgeErrors.Result(context, StatusCodes.Status401Unauthorized,
                "A download needs the downloadId of the image's downloadUri, or credentials of its owner.");
        }
        return caller.Login == uid || caller.Has(Entitlements.UserAdministrate)
            ? null
            : UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"No user '{uid}'.");
    }
}
