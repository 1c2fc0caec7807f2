namespace Kiln.Cimi.Wire;

/// <summary>What a MachineImage body (XML or JSON) says, before it is taken as a create or an edit. Null: not given.</summary>
internal sealed record MachineImageBody(
    string? Name,
    string? Description,
    MachineImageType? Type,
    string? ImageLocation,
    IReadOnlyList<KeyValuePair<string, string>>? Properties)
{
    public MachineImageCreate ToCreate() => new()
    {
        Name = Name,
        Description = Description,
        Type = Type,
        ImageLocation = ImageLocation,
        Properties = Properties ?? [],
    };

    public MachineImageEdit ToEdit() => new() { Name = Name, Description = Description, Properties = Properties };
}
