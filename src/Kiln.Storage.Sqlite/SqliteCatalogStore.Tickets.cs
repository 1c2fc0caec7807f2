using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Kiln.Catalog;

namespace Kiln.Storage.Sqlite;

/// <summary>
/// Download tickets: the id is 32 random bytes (base64url) and only its SHA-256 is stored, so a copy of the database
/// does not hold live download links. Redeeming is one UPDATE that checks and uses the ticket: one winner at most.
/// </summary>
public sealed partial class SqliteCatalogStore
{
    private const int TicketBytes = 32;

    /// <summary>An image that does not exist (deleted meanwhile) is a <see cref="CatalogConflictException"/>.</summary>
    public async Task<DownloadTicket> IssueDownloadTicketAsync(long imageId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TicketBytes));
        var expires = now + lifetime;
        await ExecuteAsync(CatalogSql.PurgeExpiredTickets, c => Bind(c, "$now", now.ToUnixTimeMilliseconds()), cancellationToken)
            .ConfigureAwait(false);
        var inserted = await ExecuteAsync(CatalogSql.IssueTicket, c =>
        {
            Bind(c, "$id_hash", TicketHash(id));
            Bind(c, "$image_id", imageId);
            Bind(c, "$expires_at", expires.ToUnixTimeMilliseconds());
        }, cancellationToken).ConfigureAwait(false);
        if (inserted == 0)
            throw new CatalogConflictException($"image {imageId} no longer exists");
        return new DownloadTicket(id, imageId, DateTimeOffset.FromUnixTimeMilliseconds(expires.ToUnixTimeMilliseconds()));
    }

    public async Task<long?> CheckDownloadTicketAsync(string ticketId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(ticketId))
            return null;
        var imageId = await ScalarAsync(CatalogSql.CheckTicket, c =>
        {
            Bind(c, "$id_hash", TicketHash(ticketId));
            Bind(c, "$now", Now);
        }, cancellationToken).ConfigureAwait(false);
        return imageId is long id ? id : null;
    }

    public async Task<long?> RedeemDownloadTicketAsync(string ticketId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(ticketId))
            return null;
        var imageId = await ScalarAsync(CatalogSql.RedeemTicket, c =>
        {
            Bind(c, "$id_hash", TicketHash(ticketId));
            Bind(c, "$now", Now);
        }, cancellationToken).ConfigureAwait(false);
        return imageId is long id ? id : null;
    }

    /// <summary>What the table keeps of a ticket id; any string hashes, so a malformed id is simply not found.</summary>
    private static byte[] TicketHash(string ticketId) => SHA256.HashData(Encoding.UTF8.GetBytes(ticketId));
}
