using Kiln.Catalog;
using Kiln.Machines;
using Kiln.Storage.Sqlite;

namespace Kiln.Server.Machines;

/// <summary>The wiring of machines: their records, disks, supervisor and capture worker.</summary>
internal static class MachineServices
{
    public static void AddKilnMachines(this IServiceCollection services)
    {
        services.AddSingleton<IMachineStore>(s => new SqliteMachineStore(s.GetRequiredService<SqliteDatabase>(), s.GetRequiredService<TimeProvider>()));
        services.AddSingleton(s => new MachineDisk(s.GetRequiredService<Builder.Processes.IProcessRunner>()));
        services.AddSingleton<MachineCapture>();
        services.AddSingleton<MachineCaptureJobHandler>();
        services.AddSingleton<MachineCaptureWorker>();
        services.AddSingleton<MachineSupervisor>();
        services.AddHostedService(s => s.GetRequiredService<MachineSupervisor>());
    }
}
