using System.Xml.Linq;
using Kiln.Builder.Packaging;

namespace Kiln.Builder.Tests;

public sealed class OvfDescriptorTests
{
    private static readonly XNamespace Ovf = "http://schemas.dmtf.org/ovf/envelope/1";
    private static readonly XNamespace Rasd = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData";

    internal static readonly OvfMachine Machine = new("web", "1.2", "A web server", "Debian 12 (bookworm) 64-bit",
        CpuCount: 2, MemoryMiB: 768, DiskFileName: "web-1.2-disk1.vmdk", DiskFileSize: 123456, DiskCapacityBytes: 2048L * 1024 * 1024);

    private static readonly XElement Envelope = OvfDescriptor.Create(Machine).Root!;

    [Fact]
    public void Envelope_is_OVF_1_0_with_one_virtual_system_named_after_the_appliance()
    {
        Assert.Equal(Ovf + "Envelope", Envelope.Name);
        Assert.Equal("1.0", (string?)Envelope.Attribute(Ovf + "version"));
        var system = Assert.Single(Envelope.Elements(Ovf + "VirtualSystem"));
        Assert.Equal("web", (string?)system.Attribute(Ovf + "id"));
        Assert.Equal("web", system.Element(Ovf + "Name")!.Value);
        Assert.Equal("A web server", system.Element(Ovf + "Info")!.Value);
        Assert.Equal("1.2", system.Element(Ovf + "ProductSection")!.Element(Ovf + "Version")!.Value);
    }

    [Fact]
    public void Operating_system_is_Debian_64_bit()
    {
        var os = Envelope.Descendants(Ovf + "OperatingSystemSection").Single();

        Assert.Equal("96", (string?)os.Attribute(Ovf + "id"));
        Assert.Equal("Debian 12 (bookworm) 64-bit", os.Element(Ovf + "Description")!.Value);
    }

    [Fact]
    public void Hardware_has_the_cpus_and_memory_of_the_appliance()
    {
        var cpu = ItemOfType(3);
        var memory = ItemOfType(4);

        Assert.Equal("2", Property(cpu, "VirtualQuantity"));
        Assert.Equal("768", Property(memory, "VirtualQuantity"));
        Assert.Equal("byte * 2^20", Property(memory, "AllocationUnits"));
    }

    [Fact]
    public void Disk_item_hangs_off_the_scsi_controller_and_points_at_the_disk_section()
    {
        var controller = ItemOfType(6);
        var disk = ItemOfType(17);

        Assert.Equal("lsilogic", Property(controller, "ResourceSubType"));
        Assert.Equal(Property(controller, "InstanceID"), Property(disk, "Parent"));
        Assert.Equal("ovf:/disk/vmdisk1", Property(disk, "HostResource"));
        var diskSection = Envelope.Element(Ovf + "DiskSection")!.Element(Ovf + "Disk")!;
        Assert.Equal("vmdisk1", (string?)diskSection.Attribute(Ovf + "diskId"));
    }

    [Fact]
    public void Nic_connects_to_the_network_the_network_section_declares()
    {
        var nic = ItemOfType(10);
        var network = Envelope.Element(Ovf + "NetworkSection")!.Element(Ovf + "Network")!;

        Assert.Equal((string?)network.Attribute(Ovf + "name"), Property(nic, "Connection"));
        Assert.Equal("NAT", Property(nic, "Connection"));
    }

    [Fact]
    public void Instance_ids_are_unique()
    {
        var ids = Items().Select(i => Property(i, "InstanceID")).ToList();

        Assert.Equal(5, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Disk_section_gives_the_capacity_in_bytes_and_the_stream_optimized_format()
    {
        var disk = Envelope.Element(Ovf + "DiskSection")!.Element(Ovf + "Disk")!;

        Assert.Equal("2147483648", (string?)disk.Attribute(Ovf + "capacity"));
        Assert.Equal("byte", (string?)disk.Attribute(Ovf + "capacityAllocationUnits"));
        Assert.Equal("http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized", (string?)disk.Attribute(Ovf + "format"));
        Assert.Equal("file1", (string?)disk.Attribute(Ovf + "fileRef"));
    }

    [Fact]
    public void References_name_the_disk_file_with_its_size()
    {
        var file = Assert.Single(Envelope.Element(Ovf + "References")!.Elements(Ovf + "File"));

        Assert.Equal("web-1.2-disk1.vmdk", (string?)file.Attribute(Ovf + "href"));
        Assert.Equal("123456", (string?)file.Attribute(Ovf + "size"));
        Assert.Equal("file1", (string?)file.Attribute(Ovf + "id"));
    }

    [Fact]
    public void Rasd_children_of_every_item_are_in_ordinal_alphabetical_order()
    {
        Assert.All(Items(), item =>
        {
            var names = item.Elements().Select(e => e.Name.LocalName).ToList();
            Assert.All(item.Elements(), e => Assert.Equal(Rasd, e.Name.Namespace));
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
        });
    }

    [Fact]
    public void Missing_description_falls_back_to_name_and_version()
    {
        var system = OvfDescriptor.Create(Machine with { Description = null }).Root!.Element(Ovf + "VirtualSystem")!;

        Assert.Equal("web 1.2, built by Kiln", system.Element(Ovf + "Info")!.Value);
    }

    [Fact]
    public void Serialized_descriptor_is_utf8_xml_that_parses_back()
    {
        var text = OvaWriter.Serialize(OvfDescriptor.Create(Machine));

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("Envelope>\n", text, StringComparison.Ordinal);
        Assert.Equal(5, XDocument.Parse(text).Descendants(Ovf + "Item").Count());
    }

    private static IEnumerable<XElement> Items() => Envelope.Descendants(Ovf + "VirtualHardwareSection").Single().Elements(Ovf + "Item");

    private static XElement ItemOfType(int resourceType) => Items().Single(i => Property(i, "ResourceType") == resourceType.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string? Property(XElement item, string name) => item.Element(Rasd + name)?.Value;
}
