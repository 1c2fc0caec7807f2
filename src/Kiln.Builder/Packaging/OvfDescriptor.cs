using System.Globalization;
using System.Xml.Linq;

namespace Kiln.Builder.Packaging;

/// <summary>What an OVF 1.0 descriptor says about the virtual machine.</summary>
public sealed record OvfMachine(
    string Name, string Version, string? Description, string OsDescription, int CpuCount, int MemoryMiB,
    string DiskFileName, long DiskFileSize, long DiskCapacityBytes);

/// <summary>
/// Writes the OVF 1.0 descriptor of an OVA: one virtual system with CPU, memory, a SCSI controller, the disk and a
/// NIC, its DiskSection (capacity, streamOptimized format URI) and NetworkSection. rasd elements follow the
/// alphabetical order the CIM schema requires.
/// </summary>
public static class OvfDescriptor
{
    public static readonly XNamespace Ovf = "http://schemas.dmtf.org/ovf/envelope/1";
    public static readonly XNamespace Rasd = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData";
    public static readonly XNamespace Vssd = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string StreamOptimizedFormat = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";

    /// <summary>CIM_OperatingSystem's OsType for "Debian 64-Bit".</summary>
    public const int DebianOsType = 96;
    public const string NetworkName = "NAT";

    public static XDocument Create(OvfMachine machine)
    {
        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Ovf + "Envelope",
                new XAttribute(Ovf + "version", "1.0"),
                new XAttribute(XNamespace.Xml + "lang", "en-US"),
                new XAttribute("xmlns", Ovf.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "ovf", Ovf.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "rasd", Rasd.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "vssd", Vssd.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
                new XElement(Ovf + "References",
                    new XElement(Ovf + "File", OvfAttr("href", machine.DiskFileName), OvfAttr("id", "file1"), OvfAttr("size", machine.DiskFileSize))),
                new XElement(Ovf + "DiskSection",
                    new XElement(Ovf + "Info", "Virtual disk information"),
                    new XElement(Ovf + "Disk", OvfAttr("capacity", machine.DiskCapacityBytes), OvfAttr("capacityAllocationUnits", "byte"),
                        OvfAttr("diskId", "vmdisk1"), OvfAttr("fileRef", "file1"), OvfAttr("format", StreamOptimizedFormat))),
                new XElement(Ovf + "NetworkSection",
                    new XElement(Ovf + "Info", "The list of logical networks"),
                    new XElement(Ovf + "Network", OvfAttr("name", NetworkName), new XElement(Ovf + "Description", "The NAT network"))),
                VirtualSystem(machine)));
    }

    private static XElement VirtualSystem(OvfMachine m) =>
        new(Ovf + "VirtualSystem", OvfAttr("id", m.Name),
            new XElement(Ovf + "Info", m.Description ?? $"{m.Name} {m.Version}, built by Kiln"),
            new XElement(Ovf + "Name", m.Name),
            new XElement(Ovf + "ProductSection",
                new XElement(Ovf + "Info", "The appliance"),
                new XElement(Ovf + "Product", m.Name),
                new XElement(Ovf + "Version", m.Version)),
            new XElement(Ovf + "OperatingSystemSection", OvfAttr("id", DebianOsType),
                new XElement(Ovf + "Info", "The kind of installed guest operating system"),
                new XElement(Ovf + "Description", m.OsDescription)),
            new XElement(Ovf + "VirtualHardwareSection",
                new XElement(Ovf + "Info", "Virtual hardware requirements"),
                new XElement(Ovf + "System",
                    new XElement(Vssd + "ElementName", "Virtual Hardware Family"),
                    new XElement(Vssd + "InstanceID", 0),
                    new XElement(Vssd + "VirtualSystemIdentifier", m.Name),
                    new XElement(Vssd + "VirtualSystemType", "vmx-07 virtualbox-2.2")),
                Item(("AllocationUnits", "hertz * 10^6"), ("Caption", $"{m.CpuCount} virtual CPU"), ("Description", "Number of virtual CPUs"),
                    ("ElementName", $"{m.CpuCount} virtual CPU"), ("InstanceID", "1"), ("ResourceType", "3"), ("VirtualQuantity", m.CpuCount)),
                Item(("AllocationUnits", "byte * 2^20"), ("Caption", $"{m.MemoryMiB} MB of memory"), ("Description", "Memory Size"),
                    ("ElementName", $"{m.MemoryMiB} MB of memory"), ("InstanceID", "2"), ("ResourceType", "4"), ("VirtualQuantity", m.MemoryMiB)),
                Item(("Address", "0"), ("Caption", "scsiController0"), ("Description", "SCSI Controller"), ("ElementName", "scsiController0"),
                    ("InstanceID", "3"), ("ResourceSubType", "lsilogic"), ("ResourceType", "6")),
                Item(("AddressOnParent", "0"), ("Caption", "disk1"), ("Description", "Disk Image"), ("ElementName", "disk1"),
                    ("HostResource", "ovf:/disk/vmdisk1"), ("InstanceID", "4"), ("Parent", "3"), ("ResourceType", "17")),
                Item(("AutomaticAllocation", "true"), ("Caption", $"Ethernet adapter on '{NetworkName}'"), ("Connection", NetworkName),
                    ("ElementName", "ethernet0"), ("InstanceID", "5"), ("ResourceSubType", "E1000"), ("ResourceType", "10"))));

    private static XElement Item(params (string Name, object Value)[] properties) =>
        new(Ovf + "Item", properties.Select(p => new XElement(Rasd + p.Name, Format(p.Value))));

    private static XAttribute OvfAttr(string name, object value) => new(Ovf + name, Format(value));

    private static string Format(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
