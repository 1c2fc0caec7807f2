using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kiln.Catalog;

/// <summary>
/// When an object was made and last changed, and its revision, bumped by every change. The digest (UForge's
/// <c>digest</c>, served as the ETag) changes whenever the object does.
/// </summary>
public sealed record Stamp(DateTimeOffset Created, DateTimeOffset LastModified, long Revision)
{
    public string Digest(string kind, long id) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{kind}/{id}/{Revision}/{LastModified.ToUnixTimeMilliseconds()}"))))[..32];
}
