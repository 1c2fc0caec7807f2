using Kiln.Builder.Appliances;
using Kiln.Builder.Packages;

namespace Kiln.Catalog;

/// <summary>
/// The catalog: users and roles, appliances, images and their statuses, download tickets.
/// <para>
/// Ownership is part of every lookup: an appliance or image of another user is simply not found (null), so callers
/// cannot leak it by mistake. Every change bumps the object's <see cref="Stamp.Revision"/> and
/// <see cref="Stamp.LastModified"/> (from the store's TimeProvider). Updates that carry an object check its revision
/// and throw <see cref="CatalogConflictException"/> when it is stale (someone changed it meanwhile), as they do for a
/// duplicate login. Image statuses only move forward: once final (complete, error, cancelled) an image's status and
/// artefact no longer change, so a late message from a cancelled build cannot resurrect it.
/// </para>
/// <para>
/// A method that needs an object the owner does not have (an image for a missing appliance, a ticket for a deleted
/// image) throws <see cref="CatalogConflictException"/>. Ids are never reused; an API key belongs to one user; lists are
/// ordered by id.
/// </para>
/// Every change is committed before the method returns (it survives the process being killed). Backends pass
/// <c>CatalogStoreContract</c> in the tests.
/// </summary>
public interface ICatalogStore
{
    Task<User> CreateUserAsync(NewUser user, CancellationToken cancellationToken);

    Task<User?> FindUserAsync(string login, CancellationToken cancellationToken);

    Task<User?> FindUserByApiKeyAsync(string apiKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken cancellationToken);

    /// <summary>Saves email, password hash, API key and secret, roles and active flag; checks the revision.</summary>
    Task<User> UpdateUserAsync(User user, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a role.</summary>
    Task PutRoleAsync(Role role, CancellationToken cancellationToken);

    Task<IReadOnlyList<Role>> ListRolesAsync(CancellationToken cancellationToken);

    Task<Appliance> CreateApplianceAsync(string owner, ApplianceDefinition definition, bool hasOsProfile, CancellationToken cancellationToken);

    Task<Appliance?> GetApplianceAsync(string owner, long id, CancellationToken cancellationToken);

    /// <summary>The owner's appliances, by id.</summary>
    Task<IReadOnlyList<Appliance>> ListAppliancesAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Saves the definition and OS-profile flag; checks the revision.</summary>
    Task<Appliance> UpdateApplianceAsync(Appliance appliance, CancellationToken cancellationToken);

    /// <summary>Deletes the appliance and its image records (their blobs are the caller's to delete first); false when not found.</summary>
    Task<bool> DeleteApplianceAsync(string owner, long id, CancellationToken cancellationToken);

    /// <summary>Records a new image, queued.</summary>
    Task<Image> CreateImageAsync(NewImage image, CancellationToken cancellationToken);

    /// <summary>Records an image to import from <see cref="NewImport.Source"/>, queued, without appliance or format yet.</summary>
    Task<Image> CreateImportAsync(NewImport import, CancellationToken cancellationToken);

    Task<Image?> GetImageAsync(string owner, long id, CancellationToken cancellationToken);

    /// <summary>Any owner's image, for workers and download tickets (which act for the owner).</summary>
    Task<Image?> GetImageByIdAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// The owner's images (generated and imported), by id; of one appliance when <paramref name="applianceId"/> is given.
    /// Listed images carry no <see cref="Image.Packages"/> (hundreds per image): read one image to get them.
    /// </summary>
    Task<IReadOnlyList<Image>> ListImagesAsync(string owner, long? applianceId, CancellationToken cancellationToken);

    /// <summary>The owner's image's status alone, for clients that poll it: nothing of its definition, artefact or packages; null when not found.</summary>
    Task<ImageProgress?> GetImageStatusAsync(string owner, long id, CancellationToken cancellationToken);

    /// <summary>
    /// A number that changes with every change to an appliance or an image, whichever process sharing the store made
    /// it, committed with the change. Read before something made of appliances and images (an image list), it tells
    /// later whether that still holds: while the number is the same, nothing it was made of has changed.
    /// </summary>
    Task<long> GetImagesVersionAsync(CancellationToken cancellationToken);

    /// <summary>Every owner's images whose status is not final yet (queued or generating), by id, without packages: what a restart must reconcile with the job queue.</summary>
    Task<IReadOnlyList<Image>> ListUnfinishedImagesAsync(CancellationToken cancellationToken);

    /// <summary>Links the image to the job that builds it.</summary>
    Task<Image?> SetImageJobAsync(long id, Guid jobId, CancellationToken cancellationToken);

    /// <summary>Moves the status on unless the image's status is already final; returns the image as it now is, or null when it is gone.</summary>
    Task<Image?> UpdateImageStatusAsync(long id, ImageStatus status, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the image complete with its artefact and its installed packages, unless already final. The artefact is kept
    /// whether or not the image was compressed for download: an uncompressed image is still published from it.
    /// </summary>
    Task<Image?> CompleteImageAsync(long id, ImageArtefact? artefact, IReadOnlyList<PackageInfo> packages, CancellationToken cancellationToken);

    /// <summary>Marks an imported image complete with the format found in the file and the file as stored, unless already final.</summary>
    Task<Image?> CompleteImportAsync(long id, string format, ImageArtefact artefact, CancellationToken cancellationToken);

    /// <summary>Saves the image's label (name, description, properties); checks the revision; null when not found.</summary>
    Task<Image?> UpdateImageLabelAsync(Image image, CancellationToken cancellationToken);

    /// <summary>Deletes the image record (its blobs are the caller's to delete first) and its tickets; false when not found.</summary>
    Task<bool> DeleteImageAsync(string owner, long id, CancellationToken cancellationToken);

    /// <summary>A new random ticket for the image, valid once until <paramref name="lifetime"/> has passed.</summary>
    Task<DownloadTicket> IssueDownloadTicketAsync(long imageId, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>The image id of a ticket that could be redeemed now, without using it up (a HEAD before the download); null otherwise.</summary>
    Task<long?> CheckDownloadTicketAsync(string ticketId, CancellationToken cancellationToken);

    /// <summary>Uses the ticket up (atomically: two redeemers never both win); the image id, or null when unknown, used or expired.</summary>
    Task<long?> RedeemDownloadTicketAsync(string ticketId, CancellationToken cancellationToken);
}
