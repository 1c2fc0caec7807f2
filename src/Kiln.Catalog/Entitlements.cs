namespace Kiln.Catalog;

/// <summary>UForge's entitlements: what a role lets its users do.</summary>
public static class Entitlements
{
    public const string ApplianceCreate = "appliance_create";
    public const string ImageGenerate = "image_generate";
    public const string ImagePublish = "image_publish";
    public const string UserAdministrate = "user_administrate";

    public static IReadOnlyList<string> All { get; } = [ApplianceCreate, ImageGenerate, ImagePublish, UserAdministrate];
}
