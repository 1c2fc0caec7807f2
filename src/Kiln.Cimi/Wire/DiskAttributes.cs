namespace Kiln.Cimi.Wire;

/// <summary>A Disk's attributes in the xsd's order.</summary>
internal static class DiskAttributes
{
    public static void Write(Disk disk, AttributeSink sink)
    {
        // DSP0263 gives a disk an id as every resource, but DSP8009's Disk element declares capacity and
        // initialLocation only (no commonElements, no operation), and a Disk with an <id> would fail validation both
        // alone and as a collection entry. So XML has capacity and initialLocation alone; JSON keeps the id.
        sink.JsonOnlyText("id", disk.Id);
        sink.Integer("capacity", disk.Capacity);
        sink.Text("initialLocation", disk.InitialLocation);
    }
}
