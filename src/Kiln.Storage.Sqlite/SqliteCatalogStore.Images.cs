using Kiln.Builder.Appliances;
using Kiln.Builder.Packages;
using Kiln.Catalog;
using Microsoft.Data.Sqlite;

namespace Kiln.Storage.Sqlite;

/// <summary>
/// Images: a snapshot of the definition, the status, the artefact and the installed packages. Status changes carry
/// "not final yet" in their WHERE clause, so a late message cannot undo a final status however calls interleave.
/// </summary>
public sealed partial class SqliteCatalogStore
{
    private static readonly ImageStatus Completed = new(ImageState.Complete, 100, "complete");

    /// <summary>
    /// The appliance must exist and belong to the image's owner; otherwise (deleted meanwhile, or another user's) it
    /// is a <see cref="CatalogConflictException"/>: the interface promises an image, and none may be made.
    /// </summary>
    public async Task<Image> CreateImageAsync(NewImage image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        return await QueryOneAsync(CatalogSql.CreateImage, c =>
        {
            Bind(c, "$owner", image.Owner);
            Bind(c, "$appliance_id", image.ApplianceId);
            Bind(c, "$target_format", image.TargetFormat);
            Bind(c, "$format", image.Format);
            Bind(c, "$compress", image.Compress);
            Bind(c, "$definition", ApplianceReader.Serialize(image.Definition));
            BindStatus(c, ImageStatus.Queued);
            Bind(c, "$now", Now);
        }, ReadImage, cancellationToken).ConfigureAwait(false)
            ?? throw new CatalogConflictException($"appliance {image.ApplianceId} no longer exists");
    }

    public async Task<Image> CreateImportAsync(NewImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        return (await QueryOneAsync(CatalogSql.CreateImport, c =>
        {
            Bind(c, "$owner", import.Owner);
            Bind(c, "$source", import.Source);
            BindLabel(c, import.Label);
            BindStatus(c, ImageStatus.Queued);
            Bind(c, "$now", Now);
        }, ReadImage, cancellationToken).ConfigureAwait(false))!;
    }

    public Task<Image?> GetImageAsync(string owner, long id, CancellationToken cancellationToken) =>
        QueryOneAsync(CatalogSql.GetImage, c =>
        {
            Bind(c, "$id", id);
            Bind(c, "$owner", owner);
        }, ReadImage, cancellationToken);

    public Task<Image?> GetImageByIdAsync(long id, CancellationToken cancellationToken) =>
        QueryOneAsync(CatalogSql.GetImageById, c => Bind(c, "$id", id), ReadImage, cancellationToken);

    public Task<IReadOnlyList<Image>> ListImagesAsync(string owner, long? applianceId, CancellationToken cancellationToken) =>
        QueryListAsync(applianceId is null ? CatalogSql.ListImages : CatalogSql.ListApplianceImages, c =>
        {
            Bind(c, "$owner", owner);
            if (applianceId is { } appliance)
                Bind(c, "$appliance_id", appliance);
        }, ReadImage, cancellationToken);

    public Task<IReadOnlyList<Image>> ListUnfinishedImagesAsync(CancellationToken cancellationToken) =>
        QueryListAsync(CatalogSql.ListUnfinishedImages, _ => { }, ReadImage, cancellationToken);

    public Task<ImageProgress?> GetImageStatusAsync(string owner, long id, CancellationToken cancellationToken) =>
        QueryPolledAsync(CatalogSql.GetImageStatus, c =>
        {
            Bind(c, "$id", id);
            Bind(c, "$owner", owner);
        }, ReadProgress, cancellationToken);

    /// <summary>Kept by triggers (migration 4), so changes made by any process, of any release, count.</summary>
    public Task<long> GetImagesVersionAsync(CancellationToken cancellationToken) =>
        QueryPolledAsync(CatalogSql.ImagesVersion, _ => { }, r => r.GetInt64(0), cancellationToken);

    public Task<Image?> SetImageJobAsync(long id, Guid jobId, CancellationToken cancellationToken) =>
        QueryOneAsync(CatalogSql.SetImageJob, c =>
        {
            Bind(c, "$id", id);
            Bind(c, "$job_id", jobId.ToString());
            Bind(c, "$now", Now);
        }, ReadImage, cancellationToken);

    public async Task<Image?> UpdateImageStatusAsync(long id, ImageStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        return await QueryOneAsync(CatalogSql.UpdateImageStatus, c =>
        {
            Bind(c, "$id", id);
            BindStatus(c, status);
            Bind(c, "$now", Now);
        }, ReadImage, cancellationToken).ConfigureAwait(false)
            ?? await GetImageByIdAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Image?> CompleteImageAsync(long id, ImageArtefact? artefact, IReadOnlyList<PackageInfo> packages,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        return await QueryOneAsync(CatalogSql.CompleteImage, c =>
        {
            Bind(c, "$id", id);
            BindStatus(c, Completed);
            Bind(c, "$blob_key", artefact?.BlobKey);
            Bind(c, "$file_name", artefact?.FileName);
            Bind(c, "$size", artefact?.Size);
            Bind(c, "$sha256", artefact?.Sha256);
            Bind(c, "$virtual_size", artefact?.VirtualSize);
            Bind(c, "$packages", ToJson(packages));
            Bind(c, "$now", Now);
        }, ReadImage, cancellationToken).ConfigureAwait(false)
            ?? await GetImageByIdAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Image?> CompleteImportAsync(long id, string format, ImageArtefact artefact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artefact);
        return await QueryOneAsync(CatalogSql.CompleteImport, c =>
        {
            Bind(c, "$id", id);
            BindStatus(c, Completed);
            Bind(c, "$format", format);
            Bind(c, "$blob_key", artefact.BlobKey);
            Bind(c, "$file_name", artefact.FileName);
            Bind(c, "$size", artefact.Size);
            Bind(c, "$sha256", artefact.Sha256);
            Bind(c, "$virtual_size", artefact.VirtualSize);
            Bind(c, "$now", Now);
        }, ReadImage, cancellationToken).ConfigureAwait(false)
            ?? await GetImageByIdAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Image?> UpdateImageLabelAsync(Image image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        void Identify(SqliteCommand c)
        {
            Bind(c, "$id", image.Id);
            Bind(c, "$owner", image.Owner);
        }
        var updated = await QueryOneAsync(CatalogSql.UpdateImageLabel, c =>
        {
            Identify(c);
            BindLabel(c, image.Label);
            Bind(c, "$now", Now);
            Bind(c, "$revision", image.Stamp.Revision);
        }, ReadImage, cancellationToken).ConfigureAwait(false);
        if (updated is not null)
            return updated;
        var current = await ScalarAsync(CatalogSql.ImageRevision, Identify, cancellationToken).ConfigureAwait(false);
        return current is null
            ? null
            : throw new CatalogConflictException($"image {image.Id} was changed meanwhile (revision {current}, not {image.Stamp.Revision}); read it again");
    }

    public async Task<bool> DeleteImageAsync(string owner, long id, CancellationToken cancellationToken) =>
        await ExecuteAsync(CatalogSql.DeleteImage, c =>
        {
            Bind(c, "$id", id);
            Bind(c, "$owner", owner);
        }, cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>Binds $state, $percentage, $message, $error_message and $detailed_error (unused ones are ignored by SQLite).</summary>
    private static void BindStatus(SqliteCommand c, ImageStatus status)
    {
        Bind(c, "$state", StateName(status.State));
        Bind(c, "$percentage", status.Percentage);
        Bind(c, "$message", status.Message);
        Bind(c, "$error_message", status.ErrorMessage);
        Bind(c, "$detailed_error", status.DetailedError);
    }

    private static void BindLabel(SqliteCommand c, ImageLabel label)
    {
        Bind(c, "$label_name", label.Name);
        Bind(c, "$label_description", label.Description);
        Bind(c, "$label_properties", ToJson(label.Properties));
    }

    private static Image ReadImage(SqliteDataReader r)
    {
        var blobKey = TextOrNull(r, "artefact_blob_key");
        var definition = TextOrNull(r, "definition");
        return new Image(
            Integer(r, "id"), Text(r, "owner"), IntegerOrNull(r, "appliance_id"), Text(r, "target_format"), Text(r, "format"),
            Flag(r, "compress"), definition is null ? null : ApplianceReader.Parse(definition),
            TextOrNull(r, "job_id") is { } job ? Guid.Parse(job) : null,
            ReadStatus(r),
            blobKey is null ? null : new ImageArtefact(blobKey, Text(r, "artefact_file_name"), Integer(r, "artefact_size"), Text(r, "artefact_sha256"))
            {
                VirtualSize = IntegerOrNull(r, "artefact_virtual_size"),
            },
            FromJson<PackageInfo[]>(r, "packages"),
            ReadStamp(r))
        {
            Label = new ImageLabel(TextOrNull(r, "label_name"), TextOrNull(r, "label_description"),
                FromJson<Dictionary<string, string>>(r, "label_properties")),
            Source = TextOrNull(r, "source"),
        };
    }

    /// <summary>
    /// By position, in the order of <see cref="CatalogSql.GetImageStatus"/>: clients poll statuses, and finding a column
    /// by name asks SQLite for the names of the columns before it, one call and one string each.
    /// </summary>
    private static ImageProgress ReadProgress(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2),
        new ImageStatus(Enum.Parse<ImageState>(r.GetString(3), ignoreCase: true), r.GetInt32(4), r.GetString(5),
            r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7)),
        new Stamp(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)), r.GetInt64(10)));

    private static ImageStatus ReadStatus(SqliteDataReader r) =>
        new(Enum.Parse<ImageState>(Text(r, "state"), ignoreCase: true), (int)Integer(r, "percentage"),
            Text(r, "message"), TextOrNull(r, "error_message"), TextOrNull(r, "detailed_error"));

    private static string StateName(ImageState state) => state.ToString().ToLowerInvariant();
}
