using Kiln.UForge.Shapes;

namespace Kiln.UForge.Wire;

/// <summary>The root elements of uforge.xsd that Kiln reads and writes, and the type each one holds.</summary>
internal static class DocumentCatalog
{
    public static IReadOnlyList<Document> All { get; } =
    [
        Document.Of("serviceStatus", CommonShapes.ServiceStatus),
        Document.Of("uforgeError", CommonShapes.UForgeError),
        Document.Of("logo", CommonShapes.Logo),
        Document.Of("category", CommonShapes.Category),
        Document.Of("company", CommonShapes.Company),
        Document.Of("license", CommonShapes.License),
        Document.Of("status", ImageShapes.OpStatus),
        Document.Of("statuses", ImageShapes.OpStatuses),
        Document.Of("image", ImageShapes.Image),
        Document.Of("images", ImageShapes.Images),
        Document.Of("imagePkg", ImageShapes.ImagePkg),
        Document.Of("imagePkgs", ImageShapes.ImagePkgs),
        Document.Of("imageFormat", FormatShapes.ImageFormat),
        Document.Of("imageFormats", FormatShapes.ImageFormats),
        Document.Of("targetFormat", FormatShapes.TargetFormat),
        Document.Of("targetFormats", FormatShapes.TargetFormats),
        Document.Of("sshKey", ApplianceShapes.SSHKey),
        Document.Of("osUser", ApplianceShapes.OSUser),
        Document.Of("osGroup", ApplianceShapes.OSGroup),
        Document.Of("installProfile", ApplianceShapes.InstallProfile),
        Document.Of("appliance", ApplianceShapes.Appliance),
        Document.Of("appliances", ApplianceShapes.Appliances),
        Document.Of("linuxProfile", DistributionShapes.LinuxProfile),
        Document.Of("linuxProfiles", DistributionShapes.LinuxProfiles),
        // The abstract root: a profile sent as <distribProfile xsi:type="ns0:LinuxProfile">. Read only; a profile
        // is written under the root of its concrete type.
        Document.Of("distribProfile", DistributionShapes.DistribProfile),
        Document.Of("distribProfiles", DistributionShapes.DistribProfiles),
        Document.Of("package", DistributionShapes.Pkg),
        Document.Of("packages", DistributionShapes.PkgList),
        Document.Of("distribution", DistributionShapes.Distribution),
        Document.Of("distributions", DistributionShapes.Distributions),
        Document.Of("entitlement", UserShapes.Entitlement),
        Document.Of("entitlements", UserShapes.Entitlements),
        Document.Of("role", UserShapes.Role),
        Document.Of("roles", UserShapes.Roles),
        Document.Of("userProfile", UserShapes.UserProfile),
        Document.Of("user", UserShapes.User),
        Document.Of("users", UserShapes.Users),
    ];

    private static readonly Dictionary<Type, Document> ByType = All.Where(d => !d.Type.IsAbstract).ToDictionary(d => d.Type);

    private static readonly Dictionary<string, Document> ByRoot = All.ToDictionary(d => d.Root, StringComparer.Ordinal);

    public static Document ForWriting(Type type) =>
        ByType.TryGetValue(type, out var document)
            ? document
            : throw new ArgumentException($"{type.Name} is not a UForge document Kiln writes.", nameof(type));

    /// <summary>
    /// The document under <paramref name="root"/> when it can hold a <paramref name="expected"/>: one of its
    /// subtypes (<c>user</c> for a <c>UserProfile</c>) or one of its bases (<c>distribProfile</c> for a
    /// <c>LinuxProfile</c>; the caller checks what was read).
    /// </summary>
    public static Document? ForReading(string root, Type expected) =>
        ByRoot.TryGetValue(root, out var document) && (expected.IsAssignableFrom(document.Type) || document.Type.IsAssignableFrom(expected))
            ? document
            : null;

    /// <summary>The root element to name in an error when a body is not a <paramref name="expected"/>.</summary>
    public static string RootOf(Type expected) =>
        ByType.TryGetValue(expected, out var document) ? document.Root
        : All.FirstOrDefault(d => d.Type == expected)?.Root ?? expected.Name;
}
