/**
 * The hand-worked tier example of docs/metrics.md: three customers over three months; by month,
 * the customer upsell rate is 0/2, 0/3, 2/3 and March's cross-sell rate 1/3.
 */
export const TIERS_CSV = `order_id,customer_id,purchased_at,product_id,family,tier,amount,channel
o1,A,2024-01-05,basic,plan,1,10.00,online
o1,A,2024-01-05,pro,plan,2,20.00,online
o2,B,2024-01-20,pro,plan,2,20.00,sales
o3,A,2024-02-03,pro,plan,2,20.00,online
o4,B,2024-02-10,basic,plan,1,10.00,sales
o5,C,2024-02-14,basic,plan,1,10.00,online
o6,A,2024-03-02,max,plan,3,30.00,online
o6,A,2024-03-02,backup,storage,1,5.00,online
o7,B,2024-03-09,max,plan,3,30.00,online
`;
