using System.Security.Cryptography;
using System.Text;
using Kiln.Catalog;
using Doc = Kiln.UForge;

namespace Kiln.Server.UForgeMapping;

/// <summary>
/// UForge's user, role and entitlement documents from the catalog's users and roles. A user document never carries
/// the password, its hash or the API secret: <see cref="ToDocument(User, IReadOnlyList{Role})"/> does not read them.
/// </summary>
internal static class UserMapping
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        [Entitlements.ApplianceCreate] = "Create and change appliance templates",
        [Entitlements.ImageGenerate] = "Generate machine images",
        [Entitlements.ImagePublish] = "Publish machine images",
        [Entitlements.UserAdministrate] = "Administrate users and roles",
    };

    public static string Uri(string login) => $"users/{login}";

    /// <summary>
    /// The user as UForge shows it, with its roles (from <paramref name="roles"/>, every role of the catalog) and their
    /// entitlements. The digest covers the roles' entitlements too: changing a role changes the ETag of its users.
    /// </summary>
    public static Doc.User ToDocument(User user, IReadOnlyList<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        var own = RolesOf(user, roles);
        var uri = Uri(user.Login);
        return new Doc.User
        {
            DbId = user.Id,
            Created = user.Stamp.Created,
            LastModified = user.Stamp.LastModified,
            Digest = Digest(user, own),
            LoginName = user.Login,
            Active = user.Active,
            Email = user.Email,
            Admin = own.Any(r => r.Entitlements.Contains(Entitlements.UserAdministrate)),
            BaseAppliancesUri = uri + "/appliances",
            BaseDistributionsUri = uri + "/distros",
            BaseTargetFormatsUri = uri + "/targetformats",
            BaseImagesUri = uri + "/images",
            Roles = [.. own.Select(ToDocument)],
            Uri = uri,
        };
    }

    public static Doc.Role ToDocument(Role role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return new Doc.Role
        {
            Name = role.Name,
            Entitlements = [.. role.Entitlements.Select(e => new Doc.Entitlement { Description = Descriptions.GetValueOrDefault(e), Name = e })],
        };
    }

    public static Doc.Roles ToDocument(IReadOnlyList<Role> roles) => new() { Items = [.. roles.Select(ToDocument)], Total = roles.Count };

    /// <summary>The user's roles, in the user's order; a role the catalog no longer knows grants nothing.</summary>
    public static IReadOnlyList<Role> RolesOf(User user, IReadOnlyList<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. user.Roles.Select(name => roles.FirstOrDefault(r => r.Name == name) ?? new Role(name, []))];
    }

    private static string Digest(User user, IReadOnlyList<Role> roles)
    {
        var grants = string.Join(";", roles.Select(r => r.Name + ":" + string.Join(",", r.Entitlements)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.Stamp.Digest("user", user.Id) + "|" + grants)))[..32];
    }
}
